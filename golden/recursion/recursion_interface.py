# recursion_interface.py: generated from the OpenRPC document of recursion.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 10adef354b8e65ebd97667dafc8d3e8db40fe8a210cf9875a0b2e05efeadab5b
"""recursion 1.0.0: Recursive schemas: a self-recursive tree node (children: array of itself), mutual recursion through properties (Department -> Employee -> Department), recursion through a nullable anyOf (a linked list whose next is ListNode or null), and a JSON value type that recurses through arrays and additionalProperties.
6 methods. Use: from recursion_client import RecursionClient; client = RecursionClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, NotRequired, Protocol, TypeAlias, TypedDict


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


class RecursionClient(Protocol):
    def tree_get(self, root: str) -> TreeNode: ...  # Get a tree: a node whose children are nodes.
    def tree_count(self, tree: TreeNode) -> int: ...  # Count the nodes of a tree given as a param.
    def org_department(self, name: str) -> Department: ...  # A department with its head, whose department is a department again.
    def org_employee(self, id: int) -> Employee: ...  # An employee, entering the same cycle from the other side.
    def list_reverse(self, head: ListNode | None) -> ListNode | None: ...  # Reverse a linked list; the empty list is null.
    def config_get(self, key: str) -> JsonValue: ...  # Any JSON value, typed as a recursive union.
