"""`python -m newsdesk.cli` is the `newsdesk` command."""

from newsdesk.cli import main

main()
