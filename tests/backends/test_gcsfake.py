"""The GCS fake says no where Cloud Storage says no, seen through google-cloud-storage:
generation and metageneration preconditions, a missing bucket or object, listing by
prefix over several pages, and the checksums the SDK verifies on download."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest
from google.api_core import exceptions as gexc
from google.auth.credentials import AnonymousCredentials
from google.cloud import storage


@pytest.fixture
def bucket(gcs_fake: Any) -> Any:
    client = storage.Client(project="p", credentials=AnonymousCredentials(),
                            client_options={"api_endpoint": gcs_fake.url})  # fmt: skip
    name = f"fake-{id(client):x}"
    client.create_bucket(name)
    return client.bucket(name)


def test_generation_preconditions_admit_one_writer(bucket: Any) -> None:
    blob = bucket.blob("state")
    blob.upload_from_string(b"one", if_generation_match=0)
    first = blob.generation
    with pytest.raises(gexc.PreconditionFailed):
        bucket.blob("state").upload_from_string(b"two", if_generation_match=0)
    bucket.blob("state").upload_from_string(b"two", if_generation_match=first)
    with pytest.raises(gexc.PreconditionFailed):
        bucket.blob("state").upload_from_string(b"three", if_generation_match=first)
    with pytest.raises(gexc.PreconditionFailed):
        bucket.blob("state").upload_from_string(b"three", if_metageneration_match=7)
    with pytest.raises(gexc.PreconditionFailed):
        bucket.blob("state").delete(if_generation_match=first)
    assert bucket.blob("state").download_as_bytes() == b"two"


def test_downloads_carry_generation_and_checksums_the_sdk_verifies(bucket: Any) -> None:
    bucket.blob("a/b.json").upload_from_string(b'{"x": 1}', content_type="application/json")
    meta = bucket.get_blob("a/b.json")
    assert meta.md5_hash == base64.b64encode(hashlib.md5(b'{"x": 1}').digest()).decode()
    assert meta.crc32c and meta.size == 8 and meta.content_type == "application/json"
    blob = bucket.blob("a/b.json")
    assert blob.download_as_bytes(checksum="crc32c") == b'{"x": 1}'
    assert blob.generation == meta.generation


def test_missing_objects_and_buckets_are_not_found(bucket: Any, gcs_fake: Any) -> None:
    with pytest.raises(gexc.NotFound):
        bucket.blob("nothing").download_as_bytes()
    with pytest.raises(gexc.NotFound):
        bucket.blob("nothing").delete()
    client = storage.Client(project="p", credentials=AnonymousCredentials(),
                            client_options={"api_endpoint": gcs_fake.url})  # fmt: skip
    with pytest.raises(gexc.NotFound):
        client.bucket("no-such-bucket").blob("x").upload_from_string(b"x")


def test_listing_by_prefix_pages_through_every_object(bucket: Any) -> None:
    for i in range(7):
        bucket.blob(f"p/{i}").upload_from_string(b"x")
    bucket.blob("q/other").upload_from_string(b"x")
    pages = bucket.client.list_blobs(bucket.name, prefix="p/", max_results=None, page_size=3).pages
    sizes = [len(list(page)) for page in pages]
    assert sizes == [3, 3, 1]
    assert [b.name for b in bucket.client.list_blobs(bucket.name, prefix="p/")] == [f"p/{i}" for i in range(7)]
