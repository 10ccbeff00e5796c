from django.urls import reverse

from imports.models import ImportBatch


def url(batch):
    return reverse("imports:mapping", args=[batch.code])


def test_columns_page_shows_guesses_and_examples(alice_client, csv_batch):
    response = alice_client.get(url(csv_batch))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_column_0">Full name</label>' in html
    assert '<option value="name" selected>Full name</option>' in html
    assert '<option value="company" selected>Company</option>' in html  # "Employer"
    assert "Grace Hopper" in html  # an example value
    assert response.context["form"]["column_3"].value() == ""  # "Shoe size" is not guessed


def test_choosing_columns_builds_the_preview(alice_client, csv_batch):
    data = {"column_0": "name", "column_1": "email", "column_2": "job_title", "column_3": ""}
    response = alice_client.post(url(csv_batch), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[csv_batch.code])
    csv_batch.refresh_from_db()
    assert csv_batch.status == ImportBatch.Status.READY
    assert csv_batch.mapping == {"name": 0, "email": 1, "job_title": 2}
    assert csv_batch.rows.get(number=2).data == {
        "name": "Grace Hopper",
        "email": "grace@example.com",
        "job_title": "Navy",
    }


def test_the_columns_can_be_changed_from_the_preview(alice_client, csv_batch):
    alice_client.post(url(csv_batch), {"column_0": "name", "column_1": "email"})
    alice_client.post(url(csv_batch), {"column_0": "name", "column_2": "company"})
    csv_batch.refresh_from_db()
    assert csv_batch.rows.count() == 2
    assert csv_batch.rows.get(number=1).data == {"name": "Ada Lovelace", "company": "Engines"}


def test_a_field_chosen_twice_is_an_error(alice_client, csv_batch):
    response = alice_client.post(url(csv_batch), {"column_0": "name", "column_1": "name"})
    assert response.status_code == 200
    assert (
        "“Full name” is chosen for two columns (Full name and E-mail)" in response.content.decode()
    )
    csv_batch.refresh_from_db()
    assert csv_batch.status == ImportBatch.Status.MAPPING


def test_a_name_column_is_required(alice_client, csv_batch):
    response = alice_client.post(url(csv_batch), {"column_1": "email"})
    assert "Choose the column that holds the name" in response.content.decode()


def test_first_and_last_name_columns_are_enough(alice_client, csv_batch):
    response = alice_client.post(url(csv_batch), {"column_0": "first_name", "column_1": "email"})
    assert response.status_code == 302


def test_an_unknown_choice_is_an_error_not_a_500(alice_client, csv_batch):
    response = alice_client.post(url(csv_batch), {"column_0": "password"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_other_formats_have_no_column_step(alice_client, linkedin_batch):
    response = alice_client.get(url(linkedin_batch))
    assert response["Location"] == reverse("imports:detail", args=[linkedin_batch.code])


def test_anonymous_and_wrong_method(client, alice_client, csv_batch):
    assert alice_client.delete(url(csv_batch)).status_code == 405
    alice_client.logout()
    assert client.get(url(csv_batch)).status_code == 302
