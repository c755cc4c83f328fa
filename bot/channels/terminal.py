"""`make chat`: Rasa's own shell, with the terminal shown what a person needs.

Rasa 3.6's shell prints every option as "1: None of these (None of these)" and every result's
triage payload as raw JSON after its text, among a page of library deprecation warnings. Here an
option whose payload is its own title is shown once (the choice still maps back to its payload),
custom payloads (already rendered in the message's text) are not printed, and warnings are off.
Run as `python -m bot.channels.terminal shell ...`, with the same arguments as `rasa shell`.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, Callable

_PAYLOAD_OF_CHOICE: dict[str, str] = {}


def _button_to_string(rasa_button_to_string: Callable[..., str]) -> Callable[..., str]:
    def button_to_string(button: dict[str, Any], idx: int = 0) -> str:
        """ "1: None of these" for a button whose payload is its title; Rasa's own form otherwise."""
        title, payload = str(button.get("title", "")), button.get("payload")
        if payload is None or str(payload) != title:
            return rasa_button_to_string(dict(button), idx)
        choice = f"{idx + 1}: {title}"
        _PAYLOAD_OF_CHOICE[choice] = title
        return choice

    return button_to_string


def _payload_from_button_question(free_text_prompt: str) -> Callable[..., Any]:
    async def payload_from_button_question(button_question: Any) -> str:
        response = await button_question.ask_async()
        if response in _PAYLOAD_OF_CHOICE:
            return _PAYLOAD_OF_CHOICE[response]
        if response is not None and response != free_text_prompt:
            response = response[response.rfind("(") + 1 : response.rfind(")")]
        return response

    return payload_from_button_question


def _print_bot_output(rasa_print_bot_output: Callable[..., Any]) -> Callable[..., Any]:
    def print_bot_output(message: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        shown = {key: value for key, value in message.items() if key != "custom"}
        if not shown.get("text") and not shown.get("buttons"):
            return None  # a message that was only a payload for other channels
        return rasa_print_bot_output(shown, *args, **kwargs)

    return print_bot_output


def _not_shown(*_args: Any, **_kwargs: Any) -> None:
    return None


def install() -> None:
    import rasa.cli.utils as cli_utils
    import rasa.core.channels.console as console

    cli_utils.button_to_string = _button_to_string(cli_utils.button_to_string)
    cli_utils.payload_from_button_question = _payload_from_button_question(cli_utils.FREE_TEXT_INPUT_PROMPT)
    console._print_bot_output = _print_bot_output(console._print_bot_output)


def main() -> None:
    # Libraries imported later (Sanic, TensorFlow, matplotlib at model load) add their own warning
    # filters, so filtering is not enough: warnings are not shown at all in the chat.
    warnings.simplefilter("ignore")
    warnings.showwarning = _not_shown
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
