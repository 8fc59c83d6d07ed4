"""The browser's screens besides the main one."""
