from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    """Cursor pagination: stable pages while cases are being registered."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-received_on", "-id")
    invalid_cursor_message = "Deze cursor is ongeldig. Gebruik de link 'next' of 'previous' uit het vorige antwoord."


class IdCursorPagination(ApiCursorPagination):
    ordering = ("id",)
