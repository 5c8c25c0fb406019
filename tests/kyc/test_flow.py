"""A case from request to decision: documents in, checks run, a new document asked for in the
player's language, the resubmission into the same case, approval, expiry, purge."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from playerdesk.kyc import actions, vault
from playerdesk.kyc.models import (
    CaseEvent,
    CaseStatus,
    Document,
    DocumentStatus,
    VerificationCase,
)
from playerdesk.lib import clock
from tests.kyc import documents
from tests.kyc.conftest import submit_all, upload

pytestmark = pytest.mark.django_db


def _outcomes(document: Document) -> dict[str, str]:
    return {c["code"]: c["outcome"] for c in document.checks}


def test_open_case_asks_for_the_brands_documents_in_the_players_language(case):
    assert case.reference.startswith("KYC-")
    assert case.status == CaseStatus.REQUESTED
    assert case.required == ["photo_id", "proof_of_address"]
    opened = case.events.get(type="opened")
    # The player writes French: the request is in French whatever the officer's language.
    assert (
        "pièce d'identité" in opened.player_message.lower() or "vérifier" in opened.player_message
    )


def test_a_player_has_one_open_case(case, kyc_player):
    again = actions.open_case(player=kyc_player, trigger="security", actor=actions.Actor.system())
    assert again.pk == case.pk
    assert VerificationCase.objects.filter(player=kyc_player).count() == 1


def test_documents_in_make_the_case_submitted_with_a_business_time_target(case, officer):
    photo, bill = submit_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert case.review_due_at is not None and case.review_limit_at > case.review_due_at
    if not photo.mrz:  # no OCR on this machine: the officer types the zone
        assert _outcomes(photo)["mrz"] == "not_possible"
        assert _outcomes(photo)["age"] == "pass"  # from the account's date of birth
        photo = actions.enter_mrz(
            document=photo, text=documents.passport_zone(), actor=actions.Actor.for_agent(officer)
        )
    assert _outcomes(photo) == {
        "file_type": "pass",
        "resolution": "pass",
        "mrz": "pass",
        "check_digits": "pass",
        "expiry": "pass",
        "name": "pass",
        "birth_date": "pass",
        "age": "pass",
    }
    assert _outcomes(bill) == {
        "file_type": "pass",
        "resolution": "not_possible",
        "issue_date": "pass",
        "address": "pass",
    }


def test_review_target_counts_business_hours_of_the_brand(case, kyc_brand):
    kyc_brand.business_hours = {
        "weekly": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": "closed",
    }
    kyc_brand.save()
    from playerdesk.lib.memo import clear_all

    clear_all()
    monday = timezone.make_aware(timezone.datetime(2026, 11, 16, 9, 0))
    with clock.frozen(monday):
        submit_all(case)
    case.refresh_from_db()
    # 48 business hours of 8-hour days from Monday 09:00 is six working days later.
    local_due = timezone.localtime(case.review_due_at)
    assert local_due.date() == date(2026, 11, 23) and local_due.hour == 17


def test_retry_then_resubmit_into_the_same_case_then_approve(case, officer):
    photo, _bill = submit_all(case, zone=documents.passport_zone(number="AB1234567"))
    actor = actions.Actor.for_agent(officer)
    actions.start_review(case=case, actor=actor)
    actions.request_new_document(document=photo, reason="blurry", actor=actor)
    case.refresh_from_db()
    assert case.status == CaseStatus.REQUESTED
    photo.refresh_from_db()
    assert photo.status == DocumentStatus.RETRY
    told = case.events.get(type="retry").player_message
    assert "floue" in told  # French instructions for a French-speaking player
    assert actions.missing_kinds(case) == ["photo_id"]

    upload(
        case,
        "photo_id",
        documents.id_image(documents.passport_zone()),
        "passport2.jpg",
        id_type="passport",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert VerificationCase.objects.count() == 1

    actions.approve(
        case=case,
        identification={
            "name": "Julie Tremblay",
            "document_type": "passport",
            "number": "AB1234567",
            "jurisdiction": "Passport Canada",
            "country": "CAN",
            "expiry": "2031-03-01",
        },
        actor=actor,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.APPROVED
    assert case.valid_until == date(2031, 3, 1)
    # the day in the brand's time zone (Toronto), whatever the day in UTC
    assert case.identification["verified_on"] == timezone.localdate(clock.now()).isoformat()
    assert set(case.identification) >= {
        "name",
        "document_type",
        "number",
        "jurisdiction",
        "country",
        "expiry",
        "verified_on",
    }


def test_approval_needs_the_whole_record_and_a_valid_document(case, officer):
    submit_all(case)
    actor = actions.Actor.for_agent(officer)
    with pytest.raises(actions.DomainError, match="number"):
        actions.approve(case=case, identification={"name": "J"}, actor=actor)
    with pytest.raises(actions.DomainError, match="expired"):
        actions.approve(
            case=case,
            identification={
                "name": "J",
                "document_type": "passport",
                "number": "1",
                "jurisdiction": "x",
                "country": "CAN",
                "expiry": "2020-01-01",
            },
            actor=actor,
        )


def test_only_officers_decide(case, compliance, alice):
    submit_all(case)
    for who in (compliance, alice):
        with pytest.raises(actions.DomainError):
            actions.reject(case=case, reason="altered", actor=actions.Actor.for_agent(who))


def test_reject_is_final_and_told(case, officer):
    submit_all(case)
    actions.reject(case=case, reason="altered", actor=actions.Actor.for_agent(officer))
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED and case.closed_at
    assert "modification" in case.events.get(type="rejected").player_message
    with pytest.raises(actions.DomainError):
        upload(case, "photo_id", documents.id_image(), "x.jpg", id_type="passport")


def test_internal_comments_never_reach_the_player(case, officer):
    actions.comment(
        case=case, body="Looks edited around the photo", actor=actions.Actor.for_agent(officer)
    )
    event = case.events.get(type="comment")
    assert event.player_message == ""


def test_case_events_are_append_only(case):
    from django.db import DatabaseError, transaction

    event = CaseEvent.objects.filter(case=case).first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(player_message="changed")


def test_requested_case_expires_after_the_window(case):
    later = clock.now() + timedelta(days=31)
    assert actions.expire_cases(now=later) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.EXPIRED


def test_approval_expires_with_the_photo_id(case, officer):
    submit_all(case)
    actions.approve(
        case=case,
        identification={
            "name": "J",
            "document_type": "passport",
            "number": "AB1234567",
            "jurisdiction": "Passport Canada",
            "country": "CAN",
            "expiry": (clock.now().date() + timedelta(days=10)).isoformat(),
        },
        actor=actions.Actor.for_agent(officer),
    )
    assert actions.expire_cases(now=clock.now() + timedelta(days=5)) == 0
    assert actions.expire_cases(now=clock.now() + timedelta(days=12)) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.EXPIRED


def test_purge_after_retention_leaves_the_record_and_no_way_to_the_bytes(
    case, officer, django_capture_on_commit_callbacks
):
    photo, bill = submit_all(case)
    actions.reject(case=case, reason="identity_mismatch", actor=actions.Actor.for_agent(officer))
    names = [photo.blob, photo.preview_blob, bill.blob]
    assert all(vault.storage().exists(n) for n in names)
    assert actions.purge_documents(now=clock.now() + timedelta(days=365)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.purge_documents(now=clock.now() + timedelta(days=5 * 365 + 1)) == 2
    photo.refresh_from_db()
    assert photo.purged_at and photo.blob == "" and photo.key_id == "" and photo.mrz == ""
    assert not any(vault.storage().exists(n) for n in names)
    with pytest.raises(vault.VaultError):
        vault.get(photo.blob)
    assert case.events.filter(type="purged").count() == 1
    # Twice is once.
    assert actions.purge_documents(now=clock.now() + timedelta(days=5 * 365 + 2)) == 0


def test_purge_counts_from_the_accounts_closure(case, kyc_player):
    _photo, _ = submit_all(case)
    kyc_player.account_closed_at = clock.now()
    kyc_player.save()
    assert actions.purge_documents(now=clock.now() + timedelta(days=5 * 365 + 1)) == 2


def _attachment(ticket, data: bytes, filename: str, content_type: str, kind: str = "player"):
    import hashlib

    from django.core.files.base import ContentFile

    from playerdesk.tickets.models import Attachment, Message

    message = Message.objects.create(
        ticket=ticket,
        kind=kind,
        body="<p>my passport</p>",
        channel="email",
        created_at=clock.now(),
    )
    attachment = Attachment(
        message=message,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    attachment.file.save(filename, ContentFile(data), save=True)
    return attachment


def test_officer_moves_an_email_attachment_into_the_case(case, officer, make_ticket):
    ticket = make_ticket(case.brand, case.player)
    photo = documents.id_image(documents.passport_zone())
    attachment = _attachment(ticket, photo, "scan.jpg", "image/jpeg")
    document = actions.document_from_attachment(
        case=case,
        attachment=attachment,
        kind="photo_id",
        id_type="passport",
        actor=actions.Actor.for_agent(officer),
    )
    assert document.content_type == "image/jpeg" and vault.get(document.blob) == photo
    event = case.events.get(type="document")
    assert event.data["source"] == {"ticket": ticket.reference, "attachment": attachment.pk}


def test_moving_refuses_another_players_file_an_agents_file_and_hostile_content(
    case, officer, make_ticket, kyc_brand
):
    from playerdesk.kyc import files
    from playerdesk.people.actions import update_player_details

    actor = actions.Actor.for_agent(officer)
    other = update_player_details(brand=kyc_brand, external_id="ojo-4004", name="Someone Else")
    theirs = _attachment(make_ticket(kyc_brand, other), documents.id_image(), "x.jpg", "image/jpeg")
    with pytest.raises(actions.DomainError, match="another player"):
        actions.document_from_attachment(
            case=case, attachment=theirs, kind="photo_id", id_type="passport", actor=actor
        )
    ticket = make_ticket(kyc_brand, case.player)
    agents = _attachment(ticket, documents.id_image(), "y.jpg", "image/jpeg", kind="agent")
    with pytest.raises(actions.DomainError, match="player sent"):
        actions.document_from_attachment(
            case=case, attachment=agents, kind="photo_id", id_type="passport", actor=actor
        )
    html = _attachment(ticket, b"<html><script>x</script></html>", "z.jpg", "image/jpeg")
    with pytest.raises(files.FileRejected):
        actions.document_from_attachment(
            case=case, attachment=html, kind="photo_id", id_type="passport", actor=actor
        )
    assert not Document.objects.exists()
    assert case.events.filter(type="refused").count() == 1


def test_the_same_file_sent_twice_is_kept_once(case):
    photo = documents.id_image(documents.passport_zone())
    first = upload(case, "photo_id", photo, "passport.jpg", id_type="passport")
    again = upload(case, "photo_id", photo, "passport.jpg", id_type="passport")
    assert again.pk == first.pk
    assert case.documents.count() == 1
    assert case.events.filter(type="document").count() == 1


def test_purge_follows_each_brands_retention(
    case, kyc_brand, officer, django_capture_on_commit_callbacks
):
    kyc_brand.policies = {"kyc": {**kyc_brand.policies["kyc"], "retention_days": 30}}
    kyc_brand.save()
    submit_all(case)
    actions.reject(case=case, reason="altered", actor=actions.Actor.for_agent(officer))
    assert actions.purge_documents(now=clock.now() + timedelta(days=29)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.purge_documents(now=clock.now() + timedelta(days=31)) == 2
