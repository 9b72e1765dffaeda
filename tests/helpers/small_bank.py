"""The small bank most tests review, its questions in order, and its best answers."""

SMALL_BANK = """\
bank: small
version: 1
title: Small bank
areas:
  - id: data
    title: Data
    intro: Where data goes wrong.
    questions:
      - id: data.modality
        kind: multi
        prompt: Which inputs does the model take?
        why: Inputs decide the preprocessing checks.
        options:
          - {value: image, label: Images}
          - {value: text, label: Text}
          - {value: tabular, label: Tables}
      - id: data.owner
        kind: text
        prompt: Who owns the data?
        why: Someone must answer for it.
      - id: data.lineage
        prompt: Can every training example be traced back to its source?
        why: Untraceable data cannot be audited or fixed.
        severity: blocker
        fix: Record the source of each example.
      - id: data.schema
        prompt: Is the data checked against a schema?
        why: Silent schema changes break models.
        severity: minor
        fix: Add a schema check.
        na: true
      - id: data.tokenizer
        prompt: Is the tokenizer versioned with the model?
        why: A different tokenizer changes every input.
        fix: Ship the tokenizer with the model.
        when: {data.modality: text}
  - id: serving
    title: Serving
    questions:
      - id: serving.mode
        kind: choice
        prompt: How are predictions served?
        why: Batch and real-time systems fail differently.
        options:
          - {value: batch, label: Batch jobs}
          - {value: realtime, label: Real-time requests}
      - id: serving.latency
        prompt: Is p99 latency measured under peak load?
        why: Averages hide the slow requests users notice.
        fix: Load-test at peak traffic.
        when: {serving.mode: realtime}
        options:
          - {value: automated, label: Automated in CI, score: 1}
          - {value: manual, label: Measured by hand, score: 0.5}
          - {value: none, label: Not measured, score: 0}
      - id: serving.rollback
        prompt: Has a rollback been rehearsed?
        why: An untested rollback fails when it is needed.
        fix: Rehearse a rollback.
        weight: 4
"""

# The small bank's questions, in bank order.
SMALL_BANK_IDS = [
    "data.modality",
    "data.owner",
    "data.lineage",
    "data.schema",
    "data.tokenizer",
    "serving.mode",
    "serving.latency",
    "serving.rollback",
]

BEST_ANSWERS = """\
mlready: 1
bank: small@1
project: {name: shelf-scanner, owner: vision-team, reviewed: 2026-10-01}
answers:
  data.modality: [image, text]
  data.owner: data-team
  data.lineage: yes
  data.schema: yes
  data.tokenizer: yes
  serving.mode: realtime
  serving.latency: automated
  serving.rollback: yes
"""
