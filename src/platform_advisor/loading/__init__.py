"""The loading edge: files in, validated models out, every problem located in its file."""
