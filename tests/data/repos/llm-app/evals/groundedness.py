"""Scores the answers of the evaluation run for faithfulness to the retrieved articles."""

import sys

from datasets import load_dataset
from ragas import evaluate
from ragas.metrics import answer_correctness, faithfulness

results = evaluate(load_dataset("json", data_files="evals/last-run.jsonl")["train"],
                   metrics=[faithfulness, answer_correctness])
if results["faithfulness"] < float(sys.argv[-1]):
    sys.exit(f"faithfulness {results['faithfulness']:.2f} is under the bar")
