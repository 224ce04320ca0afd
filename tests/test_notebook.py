"""The docs notebook runs top to bottom with the bundled models (nbclient)."""

from __future__ import annotations

from pathlib import Path

NOTEBOOK = Path(__file__).parents[1] / "docs" / "nato.ipynb"


def test_notebook_executes(bundled, shared, monkeypatch):
    """Every cell of docs/nato.ipynb runs without error and the attribution is shown."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("QUOTEATTR_SHARED", str(shared))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Julianne Smith" in html and "qa-legend" in html
