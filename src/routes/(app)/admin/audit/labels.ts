// Audit actions and entity types as people read them; unknown codes read as themselves.
import { m } from '$lib/paraglide/messages';

const ACTIONS: Record<string, () => string> = {
	'user.create': () => m.admin_audit_action_user_create(),
	'user.update': () => m.admin_audit_action_user_update(),
	'user.deactivate': () => m.admin_audit_action_user_deactivate(),
	'user.reactivate': () => m.admin_audit_action_user_reactivate(),
	'user.password_reset': () => m.admin_audit_action_user_password_reset(),
	'user.import': () => m.admin_audit_action_user_import(),
	'user.move': () => m.admin_audit_action_user_move(),
	'auth.sign_in': () => m.admin_audit_action_auth_sign_in(),
	'auth.sign_in_failed': () => m.admin_audit_action_auth_sign_in_failed(),
	'auth.sign_in_throttled': () => m.admin_audit_action_auth_sign_in_throttled(),
	'auth.sign_out': () => m.admin_audit_action_auth_sign_out(),
	'auth.password_change': () => m.admin_audit_action_auth_password_change(),
	'assessment.create': () => m.admin_audit_action_assessment_create(),
	'assessment.submit': () => m.admin_audit_action_assessment_submit(),
	'assessment.verify': () => m.admin_audit_action_assessment_verify(),
	'assessment.return': () => m.admin_audit_action_assessment_return(),
	'assessment.approve': () => m.admin_audit_action_assessment_approve(),
	'assessment.reopen': () => m.admin_audit_action_assessment_reopen(),
	'result.value': () => m.admin_audit_action_result_value(),
	'result.note': () => m.admin_audit_action_result_note(),
	'evidence.upload': () => m.admin_audit_action_evidence_upload(),
	'evidence.delete': () => m.admin_audit_action_evidence_delete(),
	'recognition.grant': () => m.admin_audit_action_recognition_grant(),
	'recognition.revoke': () => m.admin_audit_action_recognition_revoke(),
	'campaign.create': () => m.admin_audit_action_campaign_create(),
	'campaign.update': () => m.admin_audit_action_campaign_update(),
	'roadmap.update': () => m.admin_audit_action_roadmap_update(),
	'period.create': () => m.admin_audit_action_period_create(),
	'period.update': () => m.admin_audit_action_period_update(),
	'period.open': () => m.admin_audit_action_period_open(),
	'period.close': () => m.admin_audit_action_period_close(),
	'period.reopen': () => m.admin_audit_action_period_reopen(),
	'period.extend': () => m.admin_audit_action_period_extend(),
	'period.extension_revoke': () => m.admin_audit_action_period_extension_revoke(),
	'unit.create': () => m.admin_audit_action_unit_create(),
	'unit.import': () => m.admin_audit_action_unit_import(),
	'unit.update': () => m.admin_audit_action_unit_update(),
	'unit.move': () => m.admin_audit_action_unit_move(),
	'unit.retire': () => m.admin_audit_action_unit_retire(),
	'unit.merge': () => m.admin_audit_action_unit_merge(),
	'unit.reorganise': () => m.admin_audit_action_unit_reorganise(),
	'criteria_set.create': () => m.admin_audit_action_criteria_set_create(),
	'criteria_set.delete': () => m.admin_audit_action_criteria_set_delete(),
	'criteria_set.import': () => m.admin_audit_action_criteria_set_import(),
	'criteria_set.publish': () => m.admin_audit_action_criteria_set_publish(),
	'criteria_group.create': () => m.admin_audit_action_criteria_group_create(),
	'criteria_group.update': () => m.admin_audit_action_criteria_group_update(),
	'criteria_group.delete': () => m.admin_audit_action_criteria_group_delete(),
	'criteria_group.move': () => m.admin_audit_action_criteria_group_move(),
	'criteria.create': () => m.admin_audit_action_criteria_create(),
	'criteria.update': () => m.admin_audit_action_criteria_update(),
	'criteria.delete': () => m.admin_audit_action_criteria_delete(),
	'criteria.move': () => m.admin_audit_action_criteria_move()
};

const ENTITIES: Record<string, () => string> = {
	user: () => m.admin_audit_entity_user(),
	assessment: () => m.admin_audit_entity_assessment(),
	unit: () => m.admin_audit_entity_unit(),
	campaign: () => m.admin_audit_entity_campaign(),
	period: () => m.admin_audit_entity_period(),
	evidence: () => m.admin_audit_entity_evidence(),
	recognition: () => m.admin_audit_entity_recognition(),
	criteria_set: () => m.admin_audit_entity_criteria_set(),
	criteria_group: () => m.admin_audit_entity_criteria_group(),
	criterion: () => m.admin_audit_entity_criterion(),
	unit_import: () => m.admin_audit_entity_unit_import(),
	reorganisation: () => m.admin_audit_entity_reorganisation()
};

export function actionLabel(action: string): string {
	return ACTIONS[action]?.() ?? action;
}

export function entityLabel(entityType: string): string {
	return ENTITIES[entityType]?.() ?? entityType;
}
