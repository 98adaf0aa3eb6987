"""``python -m c2q_repl`` is the same as the ``c2q`` command."""

from c2q_repl.cli import main

raise SystemExit(main())
