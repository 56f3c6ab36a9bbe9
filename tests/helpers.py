"""Small helpers shared by the test modules (pytest puts tests/ on sys.path)."""


def spans(obj):
    """Every span-like dict (start, end, text) anywhere in an output record."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)
