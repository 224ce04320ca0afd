"""The training recipe for quoteattr's bundled models (``python -m quoteattr.training``).

Needs the ``train`` extra (``pip install '.[train]'``) and the UD data in ``../shared``; the
library itself never imports this package.
"""
