import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import services
from imports.models import ImportBatch
from tests.imports.samples import LINKEDIN_CSV, csv_text


def upload_file(text: str | bytes, name: str = "Connections.csv") -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def linkedin_batch(alice) -> ImportBatch:
    """A LinkedIn file uploaded and previewed, not yet confirmed."""
    return services.create_batch(alice, "Connections.csv", LINKEDIN_CSV.encode())


@pytest.fixture
def csv_batch(alice) -> ImportBatch:
    """A generic CSV waiting for its columns to be chosen."""
    text = csv_text(
        ["Full name", "E-mail", "Employer", "Shoe size"],
        {"Full name": "Ada Lovelace", "E-mail": "ada@example.com", "Employer": "Engines"},
        {"Full name": "Grace Hopper", "E-mail": "grace@example.com", "Employer": "Navy"},
    )
    return services.create_batch(alice, "people.csv", text.encode())


@pytest.fixture
def done_batch(linkedin_batch) -> ImportBatch:
    services.confirm(linkedin_batch)
    while linkedin_batch.status == ImportBatch.Status.RUNNING:
        services.process_chunk(linkedin_batch)
    return linkedin_batch


def run_to_end(batch: ImportBatch, size: int | None = None) -> int:
    """Confirm and process until done; the number of chunks it took."""
    services.confirm(batch)
    chunks = 0
    while batch.status == ImportBatch.Status.RUNNING:
        assert services.process_chunk(batch, size)
        chunks += 1
    return chunks


def import_text(owner, text: str, filename: str = "Connections.csv") -> ImportBatch:
    batch = services.create_batch(owner, filename, text.encode())
    if batch.status == ImportBatch.Status.MAPPING:
        services.analyse(batch)
    run_to_end(batch)
    return batch
