"""cdss: decision support for back pain radiating to the leg."""
