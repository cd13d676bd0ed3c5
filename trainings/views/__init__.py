"""The trainings' pages, one module per flow."""
