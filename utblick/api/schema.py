"""The OpenAPI schema as the API really behaves: every status code it answers is documented,
reads are open (the token is optional), the schema is always English, and a created
project links to the operations on it (so schemathesis can test them statefully)."""

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "description": "Per field (or non_field_errors) the list of messages, or for a body that "
    "is not JSON, the detail.",
    "anyOf": [
        {"$ref": "#/components/schemas/Error"},
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    ],
}

ERROR_DESCRIPTIONS = {
    "400": ("ValidationError", "Invalid input: a filter, a field or the body."),
    "401": ("Error", "The token is missing (writes) or not valid."),
    "403": ("Error", "The token's user may not do this to this record."),
    "404": ("Error", "No such public record, or a page past the last one."),
    "406": ("Error", "The Accept header asks for something other than JSON."),
    "415": ("Error", "The body is not JSON."),
    "429": ("Error", "Too many writes: wait and try again."),
}

# Status codes besides the successful one, by kind of operation.
READ_LIST = ("400", "401", "404", "406")
READ_ONE = ("401", "404", "406")
WRITE_NEW = ("400", "401", "403", "406", "415", "429")
WRITE_ONE = ("400", "401", "403", "404", "406", "415", "429")
DELETE_ONE = ("401", "403", "404", "406", "429")


class UtblickAutoSchema(AutoSchema):
    def get_auth(self):
        """Anyone may read without a token (UtblickPermission), so reads' auth is optional."""
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


def _error_codes(path, method):
    one = path.rstrip("/").endswith("}")
    if method == "get":
        return READ_ONE if one else READ_LIST
    if method == "post":
        return WRITE_NEW
    if method == "delete":
        return DELETE_ONE
    return WRITE_ONE


def _any_of_instead_of_one_of(node):
    """drf-spectacular writes a blank-able URL or choice as ``oneOf`` [value, blank]; a
    validator may count "" as both, so the alternatives are ``anyOf``."""
    if isinstance(node, dict):
        if "oneOf" in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _any_of_instead_of_one_of(value)
    elif isinstance(node, list):
        for value in node:
            _any_of_instead_of_one_of(value)


def _empty_filter_is_no_filter(operation):
    """django-filter ignores an empty filter (``?status=``), so "" is a valid choice."""
    for parameter in operation.get("parameters", []):
        enum = parameter.get("schema", {}).get("enum")
        if parameter.get("in") == "query" and enum is not None and "" not in enum:
            enum.insert(0, "")


# Django refuses NUL characters in form and query values (400), so a text filter is any
# text without them.
NO_NUL = "^[^\\x00]*$"


def _no_nul_in_text_filters(operation):
    """Text query parameters say what Django accepts: no NUL character."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if (
            parameter.get("in") == "query"
            and schema.get("type") == "string"
            and "enum" not in schema
            and "format" not in schema
            and "pattern" not in schema
        ):
            schema["pattern"] = NO_NUL


def _link_created_records(paths):
    """A collection's POST answer links (by its id) to each operation on the record."""
    for path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        detail = paths.get(f"{path}{{id}}/")
        if not created or not detail:
            continue
        created["links"] = {
            f"{method.capitalize()}Created": {
                "operationId": operation["operationId"],
                "parameters": {"id": "$response.body#/id"},
            }
            for method, operation in detail.items()
        }


def document_errors(result, generator, request, public):
    """Postprocessing hook (settings.SPECTACULAR_SETTINGS)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method):
                component, description = ERROR_DESCRIPTIONS[code]
                responses.setdefault(
                    code,
                    {
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{component}"}
                            }
                        },
                        "description": description,
                    },
                )
            operation["responses"] = dict(sorted(responses.items()))
            _empty_filter_is_no_filter(operation)
            _no_nul_in_text_filters(operation)
    _link_created_records(result.get("paths", {}))
    _any_of_instead_of_one_of(result)
    return result
