"""A bank whose questions carry probes, answers to it, and a CI workflow its probe finds."""

BANK = """\
bank: probed
version: 1
areas:
  - id: delivery
    title: Delivery
    questions:
      - id: delivery.ci
        prompt: Do tests run in CI on every change?
        why: Untested changes ship bugs.
        severity: blocker
        options:
          - {value: automated, label: In CI on every change, score: 1}
          - {value: manual, label: By hand before a release, score: 0.5}
          - {value: none, label: Not at all, score: 0}
        evidence:
          - id: ci-runs-tests
            files: [".github/workflows/*.yml", ".gitlab-ci.yml"]
            contains: "pytest|python -m unittest"
            supports: automated
            required_for: automated
            says: a CI workflow runs the tests
            reliability: high
      - id: delivery.canary
        prompt: Are new model versions rolled out as a canary?
        why: A bad model reaches everyone at once otherwise.
        options:
          - {value: canary, label: A canary with automatic analysis, score: 1}
          - {value: manual, label: A manual staged rollout, score: 0.5}
          - {value: none, label: All at once, score: 0}
        evidence:
          - id: argo-canary
            files: ["deploy/**/*.yaml"]
            key: spec.strategy.canary.steps
            supports: canary
            required_for: canary
            says: an Argo Rollouts canary with steps
          - id: rollout-kind
            files: ["deploy/**/*.yaml"]
            key: kind
            equals: Rollout
            supports: manual
            says: an Argo Rollout
            reliability: low
      - id: delivery.docs
        prompt: Is the model documented?
        why: People need to know what it does.
        severity: minor
        options:
          - {value: yes, label: A model card, score: 1}
          - {value: no, label: Nothing, score: 0}
"""

ANSWERS = """\
mlready: 1
bank: probed@1
answers:
  delivery.ci: automated
  delivery.canary: canary
"""

WORKFLOW = "on: push\njobs:\n  test:\n    steps:\n      - run: python -m pytest -q\n"

ROLLOUT = """\
apiVersion: v1
kind: Service
metadata: {name: ranker}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
spec:
  strategy:
    canary:
      steps:
        - setWeight: 10
"""
