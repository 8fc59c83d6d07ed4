"""Reading articles: source discovery, file formats, encodings, repairs."""
