"""FHIR R4 in and out: a Bundle of Patient, Observation, Condition and DiagnosticReport resources to a
:class:`~cdss.case.findings.Case` with a report of what did not map (``intake``), and an assessment to a
FHIR RiskAssessment (``risk``). The code map is data: ``codes.yaml`` and ``outcomes.yaml`` beside these
modules. Needs the ``fhir`` extra (``fhir.resources``). May import `cdss.engine`, `cdss.rules`,
`cdss.case` and `cdss.errors`.
"""
