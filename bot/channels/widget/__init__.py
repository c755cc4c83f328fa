"""Charley's website chat widget: static assets served by Rasa, and the socket.io
channel variant the widget talks to. See docs/widget.md."""

from bot.channels.widget.channel import WidgetAssetsInput
from bot.channels.widget.socketio_channel import WidgetSocketIOInput

__all__ = ["WidgetAssetsInput", "WidgetSocketIOInput"]
