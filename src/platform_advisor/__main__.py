"""``python -m platform_advisor`` runs the ``advisor`` command."""

from platform_advisor.cli import main

if __name__ == "__main__":
    main()
