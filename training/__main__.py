import sys

from training.recipe import main

sys.exit(main())
