"""The floor every app stands on: no models, no knowledge of the domain.

Change events and data versions, the form widgets and helpers, the service helpers, the
PDF renderer, the charts' drawing, the upload checks, the spreadsheet exports, the
licences and the language rule. Everything imports ``core``; ``core`` imports no app
(see docs/adr/0007-layers.md).
"""
