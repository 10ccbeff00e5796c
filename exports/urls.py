from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.export_index, name="index"),
    path("contacts.csv", views.export_csv, name="csv"),
    path("contacts.vcf", views.export_vcard, name="vcard"),
    path("everything.json", views.export_json, name="json"),
    path("restore/", views.restore_upload, name="restore"),
]
