"""A bank whose first decision expects an answer to the second (`expects`)."""

EXPECTING_BANK = """\
bank: expecting
version: 1
profile:
  - id: profile.task
    kind: choice
    prompt: What does it do?
    why: w
    options: [{value: predict, expects: {profile.mode: [batch]}}, {value: generate}]
  - id: profile.mode
    kind: choice
    prompt: How does it predict?
    why: w
    options: [{value: batch}, {value: realtime}]
areas:
  - id: a
    title: A
    questions:
      - {id: a.check, prompt: p, why: w}
"""
