"""The collaborative platform's pages (``/espace/plateforme/``), one module per flow."""
