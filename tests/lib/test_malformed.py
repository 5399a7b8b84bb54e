"""Malformed answers (issue 5 §4): a clear error naming the endpoint and RequestId, never a raw one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pulumi_tione.errors import (
    AuthError,
    MalformedResponseError,
    NetworkError,
    ServiceError,
    ThrottledError,
    UnreachableEndpointError,
)
from pulumi_tione.images.catalog import parse_images
from tests.support.wire import (
    NO_RETRY,
    Reply,
    Request,
    ScriptedServer,
    client_for,
    envelope,
    error_envelope,
    image,
)

HTML = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


def fetch(reply: Reply) -> ScriptedServer:
    """Run one listing against a server that always answers ``reply``; re-raises the error."""
    with ScriptedServer(lambda req, n: reply) as server:
        client_for(server.url, retry=NO_RETRY).list_images()
    return server


def body(document: Any, content_type: str = "application/json") -> Reply:
    return Reply(body=json.dumps(document).encode(), content_type=content_type)


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "text/html",
                                          "application/json; charset=utf-8"])
def test_non_json_body(content_type: str) -> None:
    with pytest.raises(MalformedResponseError, match="not JSON") as info:
        fetch(Reply(body=b"this is not json {", content_type=content_type))
    assert info.value.endpoint
    assert info.value.endpoint.startswith("http://127.0.0.1:")
    assert f"endpoint {info.value.endpoint}" in str(info.value)


@pytest.mark.parametrize("document", [{"Result": {}}, [], [1, 2], "text", 3, None, {"Response": "x"},
                                      {"Response": None}])
@pytest.mark.parametrize("content_type", ["application/json", "text/html"])
def test_json_without_a_response_object(document: Any, content_type: str) -> None:
    with pytest.raises(MalformedResponseError, match="no Response object"):
        fetch(body(document, content_type))


@pytest.mark.parametrize(("total", "shown"), [(None, "None"), ("140", "'140'"), (1.5, "1.5"), (-1, "-1"),
                                              (True, "True"), ([1], r"\[1\]")])
def test_missing_or_wrong_total_count(total: Any, shown: str) -> None:
    response: dict[str, Any] = {"PlatformImageInfos": [], "RequestId": "req-tc"}
    if total is not None:
        response["TotalCount"] = total
    with pytest.raises(MalformedResponseError, match=f"TotalCount is {shown}, not a count") as info:
        fetch(body({"Response": response}))
    assert info.value.request_id == "req-tc"
    assert "RequestId req-tc" in str(info.value)


@pytest.mark.parametrize("infos", [{"a": 1}, "x", 5])
def test_platform_image_infos_not_a_list(infos: Any) -> None:
    with pytest.raises(MalformedResponseError, match="PlatformImageInfos is not a list") as info:
        fetch(body({"Response": {"TotalCount": 1, "PlatformImageInfos": infos, "RequestId": "req-l"}}))
    assert info.value.request_id == "req-l"


@pytest.mark.parametrize(("entry", "where"), [
    ({"ImageName": "no id"}, "ImageId"),
    ({"ImageId": None}, "ImageId"),
    ({"ImageId": 17}, "ImageId"),
    (image(1, SupportGpuList="A10"), "SupportGpuList"),
    (image(1, ImageRange=[1, 2]), "ImageRange"),
    (image(1, ExtraAttributes={"Key": "x"}), "ExtraAttributes"),
    (image(1, ExtraAttributes=[{"Value": "no key"}]), "ExtraAttributes"),
    (image(1, SupportDistributedDeploy="maybe"), "SupportDistributedDeploy"),
    ("not an object", "0"),
])
def test_malformed_entries(entry: Any, where: str) -> None:
    """The API layer checks each entry is an object with an ImageId; the image layer
    (``parse_images``) builds the models and names the first malformed member."""
    doc = {"Response": {"TotalCount": 1, "PlatformImageInfos": [entry], "RequestId": "req-e"}}
    with ScriptedServer(lambda req, n: body(doc)) as server, \
            pytest.raises(MalformedResponseError, match="a PlatformImageInfo is malformed") as info:
        parse_images(client_for(server.url, retry=NO_RETRY).list_images(), server.url)
    assert where in str(info.value)


def test_null_platform_image_infos_with_zero_total_is_an_empty_catalog() -> None:
    with ScriptedServer(lambda req, n: body({"Response": {"TotalCount": 0, "PlatformImageInfos": None,
                                                          "RequestId": "r"}})) as server:
        assert client_for(server.url).list_images() == []


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "text/html", "application/json"])
def test_error_envelope_is_seen_whatever_the_content_type(content_type: str) -> None:
    reply = error_envelope("AuthFailure.SignatureFailure", "The provided credentials could not be validated.",
                           "req-auth", content_type=content_type)
    with pytest.raises(AuthError, match=r"code AuthFailure\.SignatureFailure") as info:
        fetch(reply)
    assert info.value.request_id == "req-auth"


@pytest.mark.parametrize(("error", "missing"), [({"Message": "no code"}, "Code"), ({}, "Code"),
                                                ({"Code": "InternalError"}, "Message"), ("boom", "Code")])
def test_error_envelope_with_missing_fields(error: Any, missing: str) -> None:
    doc = {"Response": {"Error": error, "RequestId": "req-x"}}
    with pytest.raises(MalformedResponseError, match=f"(has no|without a) {missing}|Error is not an object"):
        fetch(body(doc))


@pytest.mark.parametrize("error", [{"Message": "no code"}, {}, {"Code": ""}, "boom", None])
def test_error_envelope_without_code_keeps_the_request_id(error: Any) -> None:
    doc = {"Response": {"Error": error, "RequestId": "req-x"}}
    with pytest.raises(MalformedResponseError, match="an Error without a Code") as info:
        fetch(body(doc, "application/json; charset=utf-8"))
    assert "RequestId req-x" in str(info.value)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_http_5xx_with_html_is_a_service_error(status: int) -> None:
    with pytest.raises(ServiceError, match="HTTP error") as info:
        fetch(Reply(status=status, body=HTML, content_type="text/html"))
    assert "502 Bad Gateway" in str(info.value)
    assert "b'" not in str(info.value)
    assert info.value.endpoint
    assert f"endpoint {info.value.endpoint}" in str(info.value)


def test_dropped_connection_is_a_network_error() -> None:
    with pytest.raises(NetworkError, match="cannot reach the TI-ONE endpoint") as info:
        fetch(Reply(drop=True))
    assert info.value.endpoint


def test_closed_loopback_port_fails_at_once() -> None:
    with ScriptedServer(lambda req, n: Reply()) as server:
        url = server.url
    with pytest.raises(UnreachableEndpointError, match="nothing listens") as info:
        client_for(url).list_images()
    assert info.value.endpoint == url


def test_throttling_error_is_typed() -> None:
    with pytest.raises(ThrottledError, match="rate limit exceeded"):
        fetch(error_envelope("RequestLimitExceeded.UinLimitExceeded", "too fast"))


def test_a_good_page_after_garbage_is_not_trusted_blindly() -> None:
    def answer(req: Request, n: int) -> Reply:
        if n == 0:
            return envelope({"TotalCount": 150, "PlatformImageInfos": [image(i) for i in range(100)]})
        return Reply(body=b"{oops", content_type="application/json")

    with ScriptedServer(answer) as server, pytest.raises(MalformedResponseError, match="not JSON"):
        client_for(server.url, retry=NO_RETRY).list_images()
    assert len(server.requests) == 2
