# recursion 1.0.0, 6 methods, sha256 10adef354b8e65ebd97667dafc8d3e8db40fe8a210cf9875a0b2e05efeadab5b
# Recursive schemas: a self-recursive tree node (children: array of itself)…
# from recursion_client import RecursionClient: RecursionClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any, NotRequired, TypeAlias, TypedDict


class TreeNode(TypedDict):
    label: str
    children: list[TreeNode]


class ListNode(TypedDict):
    value: int
    next: ListNode | None


JsonValue: TypeAlias = str | float | bool | list["JsonValue"] | dict[str, "JsonValue"] | None


class Department(TypedDict):
    name: str
    head: NotRequired[Employee]


class Employee(TypedDict):
    id: int
    name: str
    department: NotRequired[Department]


class RpcError(Exception):
    code: int
    message: str
    data: Any


def tree_get(root: str) -> TreeNode: ...  # Get a tree: a node whose children are nodes
def tree_count(tree: TreeNode) -> int: ...  # Count the nodes of a tree given as a param
def org_department(name: str) -> Department: ...  # A department with its head, whose department is a…
def org_employee(id: int) -> Employee: ...  # An employee, entering the same cycle from the other side
def list_reverse(head: ListNode | None) -> ListNode | None: ...  # Reverse a linked list; the empty list is null
def config_get(key: str) -> JsonValue: ...  # Any JSON value, typed as a recursive union
