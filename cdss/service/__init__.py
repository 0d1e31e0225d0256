"""The CDS Hooks 2.0 service (`cdss serve`): an app factory on Starlette and uvicorn, the patient-view and
order-select (lumbar imaging) services, token verification, prefetch and fetching from the EHR's FHIR
server, cards, the request log. May import `cdss.fhir`, `cdss.engine` and below; never `cdss.batch`,
`cdss.reports`, `cdss.cli` or the top-level `cdss`.
"""
