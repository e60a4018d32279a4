"""`python -m gradguard ...` is the same as the `gradguard` command."""

from .cli import main

raise SystemExit(main())
