"""The Flask app: HTML pages and the JSON API, both rendering the one search service."""

from qidir.web.app import create_app

__all__ = ["create_app"]
