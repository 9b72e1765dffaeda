"""Banks whose decisions expect answers to others (`expects`): a decision that expects a later
one, and regimes that expect the markets asked before them."""

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

# Regimes that each expect a market: the walk leaves out those of markets not named.
MARKETS_BANK = """\
bank: markets
version: 1
profile:
  - id: profile.markets
    kind: multi
    prompt: Where?
    why: w
    options: [{value: eu}, {value: us}]
  - id: profile.regimes
    kind: multi
    prompt: Which rules?
    why: w
    options:
      - {value: eu_rule, expects: {profile.markets: [eu]}}
      - {value: us_rule, expects: {profile.markets: [us]}}
      - {value: any_rule}
      - {value: none, exclusive: true}
areas:
  - id: a
    title: A
    questions:
      - {id: a.check, prompt: p, why: w}
"""
