"""`gongkai site`: corpus/ → generated Markdown pages in docs/ → MkDocs → site/."""
