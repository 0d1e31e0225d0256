"""Evaluation of one case: the durable_rules fence (`matching`, the only module that imports durable_rules),
scoring, explanation, ask-next, the `Engine`, the assessment model and its text rendering.
May import `cdss.rules`, `cdss.case` and `cdss.errors`.
"""
