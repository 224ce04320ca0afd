import sys

from quoteattr.cli import main

sys.exit(main())
