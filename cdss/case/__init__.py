"""The input contract: a patient's case (age, sex, three-valued findings), its validation and error messages,
and reading case files (JSON, YAML). Imports nothing from cdss but `cdss.errors`.
"""
