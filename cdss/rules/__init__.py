"""The rule language: conditions over findings, the ruleset model, loading and checking rulesets (with YAML
line numbers for every problem). May import `cdss.case` and `cdss.errors`.
"""
