"""factcheck: find contradictions and changes over time across conflicting sources.

Use it from Python without the CLI:

    from factcheck import load_corpus, analyse
    analysis = analyse(load_corpus("claims"))
    for finding in analysis.findings:
        print(finding.kind.value, finding.subject, finding.property)

Heavy modules load on first use, so `factcheck --version` stays fast.
"""

__version__ = "0.1.0"

_API = {
    "load_corpus": ("factcheck.loader", "load_corpus"),
    "analyse": ("factcheck.engine", "analyse"),
    "Settings": ("factcheck.settings", "Settings"),
}


def __getattr__(name: str):
    if name in _API:
        import importlib

        module, attribute = _API[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")


__all__ = ["__version__", "load_corpus", "analyse", "Settings"]
