"""The training recipe for quoteattr's bundled models (``python -m training``, run from the
repository root).

It lives outside the installed package: the wheel holds only ``quoteattr/``, and neither the
library nor the benchmark imports this folder (``tests/test_public_api.py`` checks). Needs the
``train`` extra (``pip install '.[train]'``) and the UD data in ``../shared``.
"""
