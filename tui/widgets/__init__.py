"""The browser's widgets, one a file."""
