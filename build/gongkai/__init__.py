"""gongkai: annotated corpus of Chinese open-government documents."""
__version__ = "0.1.0"
