"""Many cases, one output line each: finding and reading inputs, worker processes, the run, output formats,
the summary, and the `cdss batch` command. May import `cdss.engine` and below; never `cdss.reports`,
`cdss.fhir` or `cdss.service`.
"""
