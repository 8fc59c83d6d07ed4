"""Full and incremental builds: reading, tagging, writing and publishing a generation."""
