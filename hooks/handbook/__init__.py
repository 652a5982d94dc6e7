"""The handbook's engine-independent core: load and validate data/, render pages.

Nothing in this package imports MkDocs; hooks/site.py wires it into the build.
"""
