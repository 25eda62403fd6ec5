"""`python -m claimcheck`: the same CLI as the `claimcheck` script."""

from claimcheck.cli import main

main()
