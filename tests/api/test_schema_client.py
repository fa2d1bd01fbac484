"""An external system registers and closes a case knowing nothing but the published OpenAPI schema
(issue 6, "done when").

The client below reads everything from `/api/v1/schema/?format=json`: the operations by their
operationId (what a client generator names its methods after), the path and its path parameter, the
authentication header, the request bodies' required fields and their types, formats and enums, and the
response fields. What it brings itself is only what a real system knows about its own business: it
registers a question (`vraag`) that it answers (`beantwoord`), and it expects the case to end up
`afgehandeld`; each of those values is checked against the schema's enums before it is used.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from casus.api.models import ApiApplication
from casus.cases.models import Case

pytestmark = pytest.mark.django_db

# The system's own business: values it prefers where the schema offers a choice (an enum).
PREFERRED = {"vraag", "beantwoord", "webformulier"}


class SchemaClient:
    def __init__(self, schema: dict[str, Any], token: str) -> None:
        self.schema = schema
        self.http = APIClient()
        (scheme,) = [s for s in schema["components"]["securitySchemes"].values() if s["in"] == "header"]
        assert "Token <token>" in scheme["description"]  # how the header's value is written
        self.headers = {"HTTP_" + scheme["name"].upper().replace("-", "_"): f"Token {token}"}
        self.operations = {
            operation["operationId"]: (path, method, operation)
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        }

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        if "allOf" in node and len(node["allOf"]) == 1:
            return self.resolve(node["allOf"][0])
        return node

    def value_for(self, node: dict[str, Any]) -> Any:
        """A value for one field, from its schema alone."""
        node = self.resolve(node)
        if "enum" in node:
            offered = [value for value in node["enum"] if value not in ("", None)]
            return next((value for value in offered if value in PREFERRED), offered[0])
        if node.get("format") == "date":
            return timezone.localdate().isoformat()
        return {"string": "Via de koppeling.", "integer": 1, "boolean": False}[node["type"]]

    def body_for(self, operation: dict[str, Any]) -> dict[str, Any]:
        """The required fields of the operation's JSON request body, filled from their schemas."""
        body_schema = self.resolve(operation["requestBody"]["content"]["application/json"]["schema"])
        properties = body_schema["properties"]
        return {name: self.value_for(properties[name]) for name in body_schema.get("required", [])}

    def response_schema(self, operation: dict[str, Any], status: int) -> dict[str, Any]:
        return self.resolve(operation["responses"][str(status)]["content"]["application/json"]["schema"])

    def call(self, operation_id: str, *, path_values: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        path, method, operation = self.operations[operation_id]
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                path = path.replace("{" + parameter["name"] + "}", str((path_values or {})[parameter["name"]]))
        body = self.body_for(operation) if "requestBody" in operation else None
        response = getattr(self.http, method)(path, body, format="json", **self.headers)
        return response.status_code, response.json()

    def conforms(self, operation_id: str, status: int, body: dict[str, Any]) -> None:
        """The answer has every required field of the documented response, and only documented ones."""
        answer = self.response_schema(self.operations[operation_id][2], status)
        assert set(answer.get("required", [])) <= set(body) <= set(answer["properties"])


def test_an_external_system_registers_and_closes_a_case_from_the_schema_alone(
    zaaksysteem: tuple[ApiApplication, str],
) -> None:
    published = APIClient().get("/api/v1/schema/", {"format": "json"})  # public: no token needed
    assert published.status_code == 200
    client = SchemaClient(published.json(), zaaksysteem[1])

    register_id = "cases_create"
    _, _, register = client.operations[register_id]
    created_status = next(int(code) for code in register["responses"] if code.startswith("2"))
    status, case = client.call(register_id)
    assert status == created_status == 201, case
    client.conforms(register_id, status, case)

    close_id = "cases_close_create"
    close_path, _, close = client.operations[close_id]
    (path_parameter,) = [p["name"] for p in close["parameters"] if p["in"] == "path"]
    status, closed = client.call(close_id, path_values={path_parameter: case[path_parameter]})
    assert status == 200, closed
    client.conforms(close_id, status, closed)

    status_field = client.resolve(client.response_schema(close, 200)["properties"]["status"])
    assert "afgehandeld" in status_field["enum"] and closed["status"] == "afgehandeld"
    stored = Case.objects.get(pk=case[path_parameter])
    assert (stored.case_type, stored.outcome, stored.status) == ("vraag", "beantwoord", "afgehandeld")
    assert close_path.startswith("/api/v1/cases/")
