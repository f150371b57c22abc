"""Imported at start-up by every Python the tests launch (the folder is put on
PYTHONPATH by tests/conftest.py): the advisor must never touch the network, so any
attempt to open a connection or look up a name fails loudly instead."""

import socket


def _refused(*_args: object, **_kwargs: object) -> None:
    raise OSError("network access attempted while the tests forbid it")


socket.socket.connect = _refused  # type: ignore[method-assign]
socket.socket.connect_ex = _refused  # type: ignore[method-assign,assignment]
socket.socket.sendto = _refused  # type: ignore[method-assign,assignment]
socket.create_connection = _refused  # type: ignore[assignment]
socket.getaddrinfo = _refused  # type: ignore[assignment]
