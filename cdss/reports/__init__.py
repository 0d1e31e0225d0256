"""Reports for people: the validation report of a batch run and the traceability report of the
specifications in `features/`. May import `cdss.batch`, `cdss.engine` and below.
"""
