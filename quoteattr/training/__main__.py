import sys

from quoteattr.training.recipe import main

sys.exit(main())
