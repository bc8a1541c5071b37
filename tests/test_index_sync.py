"""The index follows the catalog after every import, also when Whoosh still holds deleted documents."""
from minutes_archive import Archive
from minutes_archive.storage.location import INDEX
from minutes_archive.search import store as index_store
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_txt import write_txt


def test_a_document_deleted_from_the_index_but_not_merged_is_added_again(tmp_path):
    for seed in (1, 2):
        write_txt(fictional_minutes(seed)[0], tmp_path / f"m{seed}.txt")
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([tmp_path], jobs=1)
        doc_id = archive.conn.execute("SELECT id FROM documents ORDER BY id").fetchone()[0]
        ix = index_store.open_index(archive.path / INDEX)
        writer = ix.writer()
        writer.delete_by_term("document_id", doc_id)
        writer.commit(merge=False)  # the deleted document's terms stay in the segment's word list
        assert index_store.sync(archive.conn, archive.path / INDEX)["added"] == 1
        with index_store.open_index(archive.path / INDEX).searcher() as searcher:
            assert searcher.document_number(document_id=doc_id) is not None
        assert archive.check()["ok"]
