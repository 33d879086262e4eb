"""Developer tools run from the repository (translations, screenshots); not shipped."""
