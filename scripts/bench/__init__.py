"""`make bench`: Charley against the stock `rasa init` bot, plus Charley's understanding and triage.

Run it with `bash scripts/bench.sh` (full: docs/benchmarks.md, results/bench.json) or
`bash scripts/bench.sh --smoke` (quick: results/bench-smoke/). Modules, one job each:

* plan.py: what a full and a smoke run measure
* machine.py: CPU, RAM, versions, date
* training.py: `rasa init` of the stock bot and a forced `rasa train` of Charley, timed
* servers.py: both servers on free ports, time to the first reply, peak memory (memory.py)
* load.py: sequential and concurrent REST traffic (aiohttp), latencies and throughput
* stats.py: percentiles and ratios
* triage.py: the end-to-end conversations, scored by harness/triage_scores.py
* understanding.py: intent cross-validation and the clinical extractor's labelled set
* figures.py, report.py: the PNG figures, the Markdown page and the JSON
* __main__.py: runs the stages in order
"""
